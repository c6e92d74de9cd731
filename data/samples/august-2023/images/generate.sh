#!/usr/bin/env bash
#
# generate.sh: draws the placeholder images of the bundled sample issue
# (Rachel Richards' newsletter, August 2023).
#
# Every image here is a simple flat illustration drawn from scratch with
# ImageMagick's vector primitives (MVG) and the DejaVu fonts. Nothing is
# downloaded and no photographs or third-party artwork are used; the
# credential badges are plain abbreviation seals, not the organisations' logos.
#
#   logo.png                     240x240   practice logo: "RR" and a leaf on a teal disc
#   glute-bridge.jpg            1120x630   article picture: figure doing a glute bridge
#   glute-bridge-video.jpg      1120x630   video thumbnail: same exercise, play mark
#   self-massage-video.jpg      1120x630   video thumbnail: seated self-massage, play mark
#   massage-today.jpg            560x360   magazine article page ("Massage Today")
#   sienna-teaching-store.jpg    560x360   pile of teaching supplies on a shop counter
#   badge-amta.png               240x240   credential seal "AMTA"
#   badge-swedish-institute.png  240x240   credential seal "SI"
#   badge-myoskeletal.png        240x240   credential seal "CMT"
#   badge-ncbtmb.png             240x240   credential seal "NCBTMB"
#   gift-certificate.jpg         560x360   gift certificate card
#   massage-packages.jpg         560x360   "3-session package" promotion card
#
# Licence: the images (and this script) are dedicated to the public domain
# under CC0-1.0, drawn by the Tidings developers with this script.
#
# Requirements (Debian): imagemagick (ImageMagick 6, /usr/bin/convert),
# fonts-dejavu-core, fonts-dejavu-extra, gawk or mawk (awk).
#
# Usage: ./generate.sh   (writes the images next to this script)
#
# The output is deterministic: JPEGs are written at quality 82 with all
# metadata stripped, PNGs with -strip and without date/time chunks, so
# re-running with the same ImageMagick and fonts gives identical bytes.

set -euo pipefail

# Use the real ImageMagick explicitly (not whatever `convert` is on PATH).
IM=/usr/bin/convert
FONTS=/usr/share/fonts/truetype/dejavu
SANS=$FONTS/DejaVuSans.ttf
SANS_BOLD=$FONTS/DejaVuSans-Bold.ttf
SANS_LIGHT=$FONTS/DejaVuSans-ExtraLight.ttf
SANS_COND_BOLD=$FONTS/DejaVuSansCondensed-Bold.ttf
SERIF=$FONTS/DejaVuSerif.ttf
SERIF_BOLD=$FONTS/DejaVuSerif-Bold.ttf
SERIF_ITALIC=$FONTS/DejaVuSerif-Italic.ttf

for f in "$IM" "$SANS" "$SANS_BOLD" "$SANS_LIGHT" "$SANS_COND_BOLD" \
         "$SERIF" "$SERIF_BOLD" "$SERIF_ITALIC"; do
  if [[ ! -e $f ]]; then
    echo "generate.sh: missing $f" >&2
    echo "  apt-get install imagemagick fonts-dejavu-core fonts-dejavu-extra" >&2
    exit 1
  fi
done

OUT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Palette ---------------------------------------------------------------
TEAL='#2f6f73'        # brand colour
TEAL_DARK='#234f52'
TEAL_MID='#6f9e9b'
TEAL_LIGHT='#a9c9c6'
TEAL_PALE='#e0ecea'
ACCENT='#e9a46a'      # warm accent
ACCENT_DARK='#c98650'
CREAM='#fbf7f1'
SAND='#f3ece3'
INK='#2b3a3c'
SLATE='#3c4a52'
SKIN='#d4a07e'
HAIR='#5a4034'
SAGE='#8fae8a'
ROSE='#d9a5a0'
CLAY='#c4906e'

# Output helpers ----------------------------------------------------------
save_jpg() {  # save_jpg SRC NAME
  "$IM" "$1" -strip -background "$CREAM" -flatten -colorspace sRGB \
    -sampling-factor 4:2:0 -quality 82 "$OUT/$2"
}
save_png() {  # save_png SRC NAME
  "$IM" "$1" -strip -define png:exclude-chunks=date,time "PNG32:$OUT/$2"
}

# play_mark SRC DST: white disc (120 px) with a dark triangle and a soft shadow,
# in the centre of the picture. Email clients cannot overlay one with CSS.
play_mark() {
  local w h cx cy
  read -r w h < <("$IM" "$1" -format '%w %h\n' info:)
  cx=$((w / 2)); cy=$((h / 2))
  "$IM" "$1" \
    \( -size "${w}x${h}" xc:none -fill 'rgba(0,0,0,0.40)' \
       -draw "circle $cx,$((cy + 5)) $cx,$((cy + 5 + 62))" -blur 0x10 \) \
    -composite \
    -draw "fill 'rgba(255,255,255,0.96)' circle $cx,$cy $cx,$((cy + 60))" \
    -draw "fill '$INK' stroke '$INK' stroke-width 7 stroke-linejoin round \
           polygon $((cx - 14)),$((cy - 24)) $((cx - 14)),$((cy + 24)) $((cx + 27)),$cy" \
    "$2"
}

# Scenes --------------------------------------------------------------------

# glute_bridge_scene DST WALL_TOP WALL_BOTTOM HALO
# A woman on a yoga mat, hips lifted, a miniband around her knees; a plant.
glute_bridge_scene() {
  "$IM" -size 1120x630 gradient:"$2-$3" \
    -draw "fill '$4' circle 560,250 560,40" \
    -draw "fill '#e4d8c8' rectangle 0,400 1120,410" \
    \( -size 1120x220 gradient:'#ebe1d4-#ddd0be' \) -geometry +0+410 -composite \
    -draw "fill '#6e9996' roundrectangle 140,470 980,498 16,16" \
    -draw "fill '#88b1ae' roundrectangle 140,446 980,488 16,16" \
    -draw "stroke-linecap round stroke-linejoin round fill none \
      stroke '$SLATE' stroke-width 38 line 705,290 742,445 \
      stroke '$SKIN' stroke-width 18 line 737,458 784,461 \
      stroke '$SKIN' stroke-width 22 line 292,440 335,440 \
      stroke '$TEAL' stroke-width 60 line 345,438 548,355 \
      stroke '$SLATE' stroke-width 56 line 556,352 705,290 \
      stroke '$ACCENT' stroke-width 14 line 691,332 666,272 \
      stroke '$SKIN' stroke-width 20 line 355,452 535,458" \
    -draw "fill '$HAIR' circle 266,436 266,404 circle 236,446 236,432" \
    -draw "fill '$SKIN' circle 276,438 276,409" \
    -draw "fill '#d2c2ad' ellipse 1030,522 44,8 0,360" \
    -draw "fill '$SAGE' \
      path 'M 1030,440 Q 985,380 990,300 Q 1035,370 1030,440 Z' \
      path 'M 1030,440 Q 1075,360 1105,340 Q 1090,410 1030,440 Z' \
      path 'M 1030,440 Q 1020,350 1045,270 Q 1058,360 1030,440 Z' \
      path 'M 1030,440 Q 990,420 960,380 Q 1010,390 1030,440 Z'" \
    -draw "fill '$CLAY' path 'M 995,436 L 1065,436 L 1054,522 L 1006,522 Z'" \
    -draw "fill '#b7825f' rectangle 992,432 1068,446" \
    "$1"
}

# self_massage_scene DST
# A woman sitting cross-legged on a cushion, arms crossed, hands resting on
# her shoulders, eyes closed. She sits right of centre so that the play mark
# does not hide her hands; a plant on the left.
self_massage_scene() {
  "$IM" -size 1120x630 xc:none \
    -draw "fill '#f4e2d0' circle 560,250 560,60" \
    -draw "fill 'rgba(255,255,255,0.35)' circle 560,250 560,110" \
    -draw "fill '$TEAL_LIGHT' ellipse 560,540 270,34 0,360" \
    -draw "fill '$ACCENT_DARK' ellipse 560,520 160,30 0,360" \
    -draw "fill '$ACCENT' ellipse 560,508 160,26 0,360" \
    -draw "fill '$TEAL' path 'M 496,318 Q 496,282 532,282 L 588,282 Q 624,282 624,318 L 616,452 L 504,452 Z'" \
    -draw "fill '#52656f' rectangle 520,436 600,482" \
    -draw "stroke-linecap round stroke-linejoin round fill none \
      stroke '#52656f' stroke-width 54 line 532,456 428,490 \
      stroke '#52656f' stroke-width 54 line 588,456 692,490 \
      stroke '#465861' stroke-width 40 line 430,494 584,506 \
      stroke '#52656f' stroke-width 40 line 690,494 536,506 \
      stroke '$SKIN' stroke-width 26 line 548,262 572,262 line 560,250 560,282" \
    -draw "stroke-linecap round stroke-linejoin round fill none \
      stroke '$TEAL' stroke-width 30 line 508,302 498,334 line 612,302 622,334 \
      stroke '$SKIN' stroke-width 24 line 499,334 496,398 line 621,334 624,398 \
      stroke '$SKIN' stroke-width 24 line 496,400 602,304 \
      stroke '#c8946f' stroke-width 24 line 624,400 518,304" \
    -draw "fill '$SKIN' ellipse 602,300 17,12 0,360" \
    -draw "fill '#c8946f' ellipse 518,300 17,12 0,360" \
    -draw "fill '$HAIR' circle 560,214 560,172 circle 560,166 560,148" \
    -draw "fill '$SKIN' ellipse 560,230 36,38 0,360" \
    -draw "fill '$HAIR' path 'M 524,222 Q 540,186 592,196 Q 580,206 524,222 Z'" \
    -draw "stroke '#7a5a48' stroke-width 3 stroke-linecap round fill none \
      path 'M 538,236 Q 545,242 552,236' \
      path 'M 568,236 Q 575,242 582,236' \
      path 'M 552,254 Q 560,259 568,254'" \
    "$TMP/figure.png"
  "$IM" -size 1120x630 gradient:'#e9f1ee-#d9e7e3' \
    \( -size 1120x170 gradient:'#ece3d7-#e2d6c6' \) -geometry +0+460 -composite \
    "$TMP/figure.png" -geometry +230+0 -composite \
    -draw "fill '$SAGE' \
      path 'M 190,470 Q 150,400 165,330 Q 205,400 190,470 Z' \
      path 'M 190,470 Q 220,400 265,380 Q 245,450 190,470 Z' \
      path 'M 190,470 Q 155,450 120,420 Q 170,425 190,470 Z'" \
    -draw "fill '$CLAY' path 'M 160,466 L 220,466 L 212,536 L 168,536 Z'" \
    -draw "fill '#b7825f' rectangle 156,460 224,474" \
    "$1"
}

# Images --------------------------------------------------------------------

make_logo() {
  # Leaf sprig: two leaves in the warm accent above the initials.
  "$IM" -size 240x240 xc:none \
    -draw "fill '$TEAL' circle 120,120 120,6" \
    -draw "fill none stroke 'rgba(251,247,241,0.35)' stroke-width 2 circle 120,120 120,16" \
    -draw "fill '$ACCENT' \
      path 'M 120,82 Q 96,74 90,50 Q 114,54 120,82 Z' \
      path 'M 120,82 Q 144,74 150,50 Q 126,54 120,82 Z'" \
    -draw "stroke '$ACCENT' stroke-width 3 stroke-linecap round line 120,82 120,92" \
    -draw "font '$SERIF' font-size 64 fill '$CREAM' text-anchor middle kerning -2 \
           text 120,158 'RR'" \
    -draw "font '$SANS' font-size 12 fill 'rgba(251,247,241,0.8)' text-anchor middle kerning 3 \
           text 122,188 'MASSAGE'" \
    "$TMP/logo.png"
  save_png "$TMP/logo.png" logo.png
}

make_glute_bridge() {
  glute_bridge_scene "$TMP/gb.png" '#f5efe7' '#ede4d8' "$TEAL_PALE"
  save_jpg "$TMP/gb.png" glute-bridge.jpg
}

make_glute_bridge_video() {
  glute_bridge_scene "$TMP/gbv.png" '#e4efec' '#d6e6e2' '#f2e3d3'
  play_mark "$TMP/gbv.png" "$TMP/gbv-play.png"
  save_jpg "$TMP/gbv-play.png" glute-bridge-video.jpg
}

make_self_massage_video() {
  self_massage_scene "$TMP/sm.png"
  play_mark "$TMP/sm.png" "$TMP/sm-play.png"
  save_jpg "$TMP/sm-play.png" self-massage-video.jpg
}

make_massage_today() {
  local lines="" y
  # Body text of the left column as grey bars.
  for y in 218 236 254 272 290; do
    lines+=" roundrectangle 40,$y 300,$((y + 7)) 3,3"
  done
  lines+=" roundrectangle 40,308 230,315 3,3"
  # Caption under the picture and the start of the next paragraph.
  lines+=" roundrectangle 322,262 520,269 3,3 roundrectangle 322,280 470,287 3,3"
  lines+=" roundrectangle 40,334 300,341 3,3 roundrectangle 322,334 520,341 3,3"
  lines+=" roundrectangle 322,308 500,315 3,3"
  "$IM" -size 560x360 xc:'#e7e0d6' \
    -draw "fill 'rgba(0,0,0,0.10)' rectangle 24,18 544,360" \
    -draw "fill '#fffdf9' rectangle 20,14 540,360" \
    -draw "fill '$TEAL_DARK' rectangle 20,14 540,70" \
    -draw "font '$SERIF_BOLD' font-size 30 fill '$CREAM' kerning 3 text 40,54 'MASSAGE TODAY'" \
    -draw "font '$SANS' font-size 10 fill '$TEAL_LIGHT' kerning 1 text-anchor end \
           text 520,48 'AUGUST 2023'" \
    -draw "fill '$ACCENT' rectangle 20,70 540,74" \
    -draw "font '$SANS_BOLD' font-size 10 fill '$ACCENT_DARK' kerning 2 text 40,102 'PROFESSION'" \
    -draw "font '$SERIF_BOLD' font-size 23 fill '$INK' \
           text 40,132 'Common Massage' text 40,160 'Myths and' text 40,188 'Misconceptions'" \
    -draw "fill '#9aa5a6' roundrectangle 40,200 180,206 3,3" \
    -draw "fill '#cfd3d1' $lines" \
    -draw "fill '$TEAL_PALE' rectangle 322,92 520,250" \
    -draw "fill '$TEAL_LIGHT' circle 421,150 421,112" \
    -draw "fill '$TEAL_MID' path 'M 322,250 Q 372,186 421,214 Q 470,240 520,196 L 520,250 Z'" \
    -draw "fill '$ACCENT' circle 470,124 470,110" \
    "$TMP/mt.png"
  save_jpg "$TMP/mt.png" massage-today.jpg
}

make_sienna_teaching_store() {
  # Shop shelves behind (softly blurred), then the counter and the pile.
  "$IM" -size 560x360 xc:'#efe6da' \
    -draw "fill '#e2d4c2' rectangle 0,0 560,8" \
    -draw "fill '#d9c7b0' rectangle 0,92 560,100 rectangle 0,192 560,200" \
    -draw "fill '#b9cfcc' rectangle 30,40 52,92 fill '$ROSE' rectangle 54,50 72,92 \
           fill '#e8c79f' rectangle 74,34 100,92 fill '$SAGE' rectangle 102,46 118,92 \
           fill '#c9d6e0' rectangle 300,42 330,92 fill '#e8c79f' rectangle 332,52 350,92 \
           fill '#b9cfcc' rectangle 352,38 372,92 fill '$ROSE' rectangle 430,56 470,92 \
           fill '#c9d6e0' rectangle 472,46 492,92 fill '#e8c79f' rectangle 494,60 530,92" \
    -draw "fill '$SAGE' rectangle 20,150 60,192 fill '#e8c79f' rectangle 64,140 84,192 \
           fill '#c9d6e0' rectangle 86,156 126,192 fill '#b9cfcc' rectangle 380,146 402,192 \
           fill '$ROSE' rectangle 404,152 424,192 fill '#e8c79f' rectangle 426,140 460,192 \
           fill '$SAGE' rectangle 462,158 500,192 fill '#c9d6e0' rectangle 502,150 530,192" \
    -blur 0x2.5 \
    -draw "fill '#c9a27e' rectangle 0,272 560,286" \
    -draw "fill '#b58d69' rectangle 0,286 560,360" \
    -draw "fill '#a98262' rectangle 0,286 560,292" \
    -draw "fill 'rgba(0,0,0,0.10)' ellipse 280,276 200,8 0,360" \
    -draw "fill '#b98a5e' path 'M 118,274 L 146,108 L 256,120 L 240,274 Z'" \
    -draw "fill '#3e5450' path 'M 130,264 L 154,120 L 244,130 L 230,264 Z'" \
    -draw "font '$SANS' font-size 24 fill 'rgba(255,255,255,0.85)' \
           push graphic-context translate 190,172 rotate 6 text-anchor middle text 0,0 'ABC' pop graphic-context \
           push graphic-context translate 186,214 rotate 6 font-size 18 text-anchor middle text 0,0 '1 + 2 = 3' pop graphic-context" \
    -draw "fill '$TEAL' roundrectangle 232,246 392,274 3,3" \
    -draw "fill '$CREAM' rectangle 384,250 392,270" \
    -draw "fill '$ACCENT' roundrectangle 242,220 378,246 3,3" \
    -draw "fill '$CREAM' rectangle 370,224 378,242" \
    -draw "fill '$ROSE' roundrectangle 236,196 364,220 3,3" \
    -draw "fill '$CREAM' rectangle 356,200 364,216" \
    -draw "fill '#6d86a0' roundrectangle 250,176 350,196 3,3" \
    -draw "fill '$CREAM' rectangle 342,180 350,192" \
    -draw "fill '#c8665a' circle 300,160 300,144 fill '#7c9a5e' \
           path 'M 300,145 Q 312,132 320,138 Q 310,148 300,145 Z'" \
    -draw "stroke '#6b4a36' stroke-width 3 stroke-linecap round line 300,146 298,136" \
    -draw "fill '#f0d9a8' roundrectangle 400,232 436,268 4,4 \
           fill '#cfe0dd' roundrectangle 438,232 474,268 4,4 \
           fill '#f2cfc9' roundrectangle 418,196 454,232 4,4" \
    -draw "font '$SANS_BOLD' font-size 24 text-anchor middle \
           fill '$ACCENT_DARK' text 418,259 'A' fill '$TEAL' text 456,259 'B' \
           fill '#b0675e' text 436,223 'C'" \
    -draw "fill '$SAGE' path 'M 486,272 L 490,214 L 532,214 L 536,272 Z'" \
    -draw "stroke-linecap round stroke-width 6 \
           stroke '#e0b44f' line 498,214 494,170 \
           stroke '#c8665a' line 510,214 512,162 \
           stroke '$TEAL' line 522,214 530,174" \
    -draw "fill '#f2e6d2' roundrectangle 40,262 110,274 2,2 \
           stroke '#a98f6c' stroke-width 1 line 52,262 52,268 line 64,262 64,268 \
           line 76,262 76,268 line 88,262 88,268 line 100,262 100,268" \
    "$TMP/st.png"
  save_jpg "$TMP/st.png" sienna-teaching-store.jpg
}

# badge NAME COLOUR TOP_LABEL ABBREVIATION FONT_SIZE BOTTOM_LABEL
# A round seal with a scalloped edge, a fine inner ring and the abbreviation.
badge() {
  local name=$1 colour=$2 top=$3 abbr=$4 size=$5 bottom=$6 edge
  edge=$(awk 'BEGIN {
    n = 60; pi = atan2(0, -1); s = "";
    for (i = 0; i < 2 * n; i++) {
      r = (i % 2 == 0) ? 115 : 109; a = i * pi / n;
      s = s sprintf(" %.2f,%.2f", 120 + r * cos(a), 120 + r * sin(a));
    }
    print s }')
  "$IM" -size 240x240 xc:none \
    -draw "fill '$colour' stroke '$colour' stroke-width 2 stroke-linejoin round polygon $edge" \
    -draw "fill none stroke 'rgba(255,255,255,0.85)' stroke-width 2 circle 120,120 120,24" \
    -draw "fill none stroke 'rgba(255,255,255,0.45)' stroke-width 1 circle 120,120 120,30" \
    -draw "font '$SANS_BOLD' font-size 12 fill 'rgba(255,255,255,0.9)' text-anchor middle kerning 2 \
           text 121,76 '$top'" \
    -draw "font '$SANS_COND_BOLD' font-size $size fill white text-anchor middle kerning 1 \
           text 120,$((116 + size * 365 / 1000)) '$abbr'" \
    -draw "stroke 'rgba(255,255,255,0.6)' stroke-width 1 line 90,152 150,152" \
    -draw "fill '$ACCENT' circle 82,152 82,149 circle 158,152 158,149" \
    -draw "font '$SANS_BOLD' font-size 11 fill 'rgba(255,255,255,0.9)' text-anchor middle kerning 2 \
           text 121,174 '$bottom'" \
    "$TMP/$name"
  save_png "$TMP/$name" "$name"
}

make_badges() {
  badge badge-amta.png              "$TEAL"    'PROFESSIONAL' 'AMTA' 52 'MEMBER'
  badge badge-swedish-institute.png '#b8754a'  'SWEDISH'   'SI'     62 'INSTITUTE'
  badge badge-myoskeletal.png       '#3f5f7f'  'CERTIFIED' 'CMT'    56 'MYOSKELETAL'
  badge badge-ncbtmb.png            '#6b5a7b'  'BOARD'     'NCBTMB' 37 'CERTIFIED'
}

make_gift_certificate() {
  "$IM" -size 560x360 xc:"$TEAL" \
    -draw "fill 'rgba(255,255,255,0.06)' circle 40,330 40,160 circle 540,20 540,140" \
    -draw "fill 'rgba(0,0,0,0.18)' roundrectangle 44,46 524,326 14,14" \
    -draw "fill '$CREAM' roundrectangle 40,40 520,320 14,14" \
    -draw "fill none stroke '$TEAL_LIGHT' stroke-width 1 roundrectangle 52,52 508,308 8,8" \
    -draw "fill '$ACCENT' rectangle 130,40 154,320" \
    -draw "fill '#d98f55' \
           polygon 134,116 148,118 126,170 120,160 112,164 \
           polygon 150,116 136,118 158,170 164,160 172,164" \
    -draw "fill '$ACCENT' \
           push graphic-context translate 121,110 rotate -24 ellipse 0,0 25,14 0,360 pop graphic-context \
           push graphic-context translate 163,110 rotate 24 ellipse 0,0 25,14 0,360 pop graphic-context" \
    -draw "fill '$ACCENT_DARK' \
           push graphic-context translate 117,110 rotate -24 ellipse 0,0 11,5 0,360 pop graphic-context \
           push graphic-context translate 167,110 rotate 24 ellipse 0,0 11,5 0,360 pop graphic-context" \
    -draw "fill '$ACCENT_DARK' roundrectangle 133,101 151,121 6,6" \
    -draw "font '$SANS' font-size 11 fill '$ACCENT_DARK' kerning 3 text-anchor middle \
           text 336,104 'A GIFT OF RELAXATION'" \
    -draw "font '$SERIF_ITALIC' font-size 36 fill '$TEAL' text-anchor middle \
           text 336,152 'Gift Certificate'" \
    -draw "fill '$ACCENT' rectangle 306,170 366,172" \
    -draw "font '$SANS' font-size 14 fill '$INK' text-anchor middle \
           text 336,204 'Rachel Richards, LMT'" \
    -draw "font '$SANS' font-size 11 fill '#7b8a8b' text-anchor middle kerning 0.5 \
           text 336,224 'Licensed Massage Therapist · East Village, NYC'" \
    -draw "font '$SANS' font-size 11 fill '#7b8a8b' text 196,274 'To' text 356,274 'From'" \
    -draw "stroke '#b8c4c3' stroke-width 1 line 218,274 336,274 line 390,274 484,274" \
    "$TMP/gc.png"
  save_jpg "$TMP/gc.png" gift-certificate.jpg
}

make_massage_packages() {
  "$IM" -size 560x360 xc:"$SAND" \
    -draw "fill '$TEAL_PALE' circle 160,180 160,50" \
    -draw "fill 'rgba(0,0,0,0.08)' ellipse 160,286 96,10 0,360" \
    -draw "fill '#4f7577' ellipse 160,258 84,30 0,360" \
    -draw "fill '#6f9694' ellipse 160,210 66,24 0,360" \
    -draw "fill '#9dbdba' ellipse 160,170 50,19 0,360" \
    -draw "fill '$ACCENT' ellipse 160,140 34,14 0,360" \
    -draw "fill 'rgba(255,255,255,0.22)' ellipse 140,248 36,8 0,360 ellipse 146,202 26,6 0,360 \
           ellipse 150,164 18,5 0,360 ellipse 152,135 12,4 0,360" \
    -draw "fill '$SAGE' path 'M 58,290 Q 54,242 20,224 Q 24,270 58,290 Z' \
           path 'M 58,290 Q 76,254 64,224 Q 46,260 58,290 Z'" \
    -draw "font '$SANS' font-size 11 fill '$ACCENT_DARK' kerning 3 text 296,110 'TREAT YOURSELF'" \
    -draw "font '$SERIF_BOLD' font-size 30 fill '$TEAL' text 296,150 'Massage'" \
    -draw "font '$SERIF_BOLD' font-size 30 fill '$TEAL' text 296,186 'Packages'" \
    -draw "fill '$ACCENT' rectangle 296,202 356,204" \
    -draw "font '$SANS' font-size 17 fill '$INK' text 296,236 '3-session package'" \
    -draw "fill '$TEAL' circle 306,264 306,256 circle 330,264 330,256 circle 354,264 354,256" \
    -draw "font '$SANS' font-size 11 fill '#7b8a8b' text 372,268 'book a series, relax more'" \
    -draw "font '$SANS' font-size 11 fill '#7b8a8b' kerning 1 text 296,306 'Rachel Richards, LMT'" \
    "$TMP/mp.png"
  save_jpg "$TMP/mp.png" massage-packages.jpg
}

make_logo
make_glute_bridge
make_glute_bridge_video
make_self_massage_video
make_massage_today
make_sienna_teaching_store
make_badges
make_gift_certificate
make_massage_packages

echo "generate.sh: wrote images to $OUT"
